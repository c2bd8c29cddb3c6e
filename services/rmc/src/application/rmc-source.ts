/** The CloudEvents source of a region's RMC system (NL GOV: urn:nld:<scheme>:<id>:<system>). */
export const rmcSource = (region: string): string => `urn:nld:rmc:${region}:estafette-rmc`;
