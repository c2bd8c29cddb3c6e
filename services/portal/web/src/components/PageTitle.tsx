import { Heading } from '@nl-design-system-candidate/heading-react';
import { useEffect, useRef } from 'react';

/** The page's h1: sets the document title and takes focus after navigation, so screen readers hear the new page. */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} - Estafette`;
    ref.current?.focus();
  }, [children]);
  return (
    <Heading level={1} ref={ref} tabIndex={-1}>
      {children}
    </Heading>
  );
}
