/**
 * The purpose an organisation asks THAT for (who holds the baton, whom to call), by its kind: the convenant's
 * signaal flows (`rmc-school-terugmelding`: a school hears that the RMC has contact; `rmc-wi-signaal`: W&I's regie
 * 16-27), 004:4091-4099 "alleen DAT". Zorg has no signaal flow: it asks for trajectbegeleiding too, which only a
 * consent of the young person carries. Undefined: a kind that never asks.
 */
export function signalPurposeFor(organisationType: string): 'terugmelding' | 'trajectbegeleiding' | undefined {
  if (organisationType === 'school') return 'terugmelding';
  if (organisationType === 'werk-inkomen' || organisationType === 'zorg') return 'trajectbegeleiding';
  return undefined;
}
