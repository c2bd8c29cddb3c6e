// One young person followed through the whole chain, so the examples read as one story.
export const exampleSubject = 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V';
export const exampleTraceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

export const exampleSources = {
  school: 'urn:nld:brin:25XY:estafette-school',
  rmc: 'urn:nld:oin:00000001234567890000:estafette-rmc',
  werkInkomen: 'urn:nld:oin:00000001002564440000:estafette-werk-inkomen',
  zorg: 'urn:nld:agb:73730123:estafette-zorg',
  toestemming: 'urn:nld:oin:00000001234567890000:estafette-toestemming',
} as const;

export const exampleOrganisations = {
  school: { organisationType: 'school', id: 'brin:25XY' },
  nieuweSchool: { organisationType: 'school', id: 'brin:30AB' },
  rmc: { organisationType: 'rmc', id: 'rmc:MC21' },
  werkInkomen: { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' },
  zorg: { organisationType: 'zorg', id: 'agb:73730123' },
} as const;

export const exampleIds = {
  uitschrijving: '3f6c2a1e-8b4d-4c7a-9e21-5d0f7b8a9c13',
  inschrijving: 'a81d4c70-2f3e-4b91-8d6a-0c5e9f1b2a47',
  vsvMelding: '6d2e8f14-93a7-4c05-b1e8-7a4f2c9d0e56',
  overdracht: 'c4b7e2a9-5f18-4d63-a0c2-8e1f6b3d9a70',
  plaatsing: 'e9a3f5c1-7b24-4e86-9d0f-2c6a8b4e1f35',
  uitval: '1b8f4e27-c6d3-4a59-8e07-f3a2d5c9b164',
  toestemming: '5a0c7e93-d2b8-4f16-a4e5-9c3b1f7d2e08',
} as const;

export const exampleDataref = (path: string): string => `https://api.estafette.nl/${path}`;
