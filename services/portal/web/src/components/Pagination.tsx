/** Previous/next with "pagina x van y": the service's PageQuery (page, pageSize) and its total. */
export function Pagination({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="paginering" aria-label="Paginering">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Vorige pagina
      </button>
      <span aria-live="polite">
        Pagina {page} van {pages} ({total} in totaal)
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Volgende pagina
      </button>
    </nav>
  );
}
