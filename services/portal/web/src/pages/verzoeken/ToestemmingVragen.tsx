import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { CheckboxField, DateField, options, SelectField } from '../../components/Fields.js';
import { addDays } from '@estafette/calendar';
import { today } from '../../components/format.js';
import { OrganisatieKiezer } from '../../components/OrganisatieKiezer.js';
import { TextAreaField } from '../../components/TextAreaField.js';
import { useCommand } from '../../components/useCommand.js';
import { CATEGORIES, PURPOSES, type Verzoek } from './labels.js';

/**
 * Ask the young person for consent, in context (a referral): which data, from which holder (chosen by name), why (in
 * words the young person understands), what for and until when. The consent service composes the exact text the
 * young person reads; it is shown here once sent.
 */
export function ToestemmingVragen({ subject }: { subject: string }) {
  const [f, setF] = useState({
    categories: ['schoolgegevens'],
    holderType: 'school',
    holderId: '',
    purpose: 'warme-overdracht',
    reason: '',
    validUntil: addDays(today(), 90),
  });
  const [sent, setSent] = useState<Verzoek>();
  const cmd = useCommand();
  const toggle = (c: string, on: boolean) => setF({ ...f, categories: on ? [...f.categories, c] : f.categories.filter((x) => x !== c) });
  return (
    <form
      className="formulier"
      aria-labelledby="vragen-kop"
      onSubmit={(e) => {
        e.preventDefault();
        void cmd.run(async () => {
          setSent(
            await api<Verzoek>('consent', '/verzoeken', {
              body: {
                subject,
                dataCategories: f.categories,
                from: { organisationType: f.holderType, id: f.holderId },
                purpose: f.purpose,
                reason: f.reason,
                validUntil: f.validUntil,
              },
            }),
          );
        }, 'Verzoek verstuurd. De jongere ziet het bij "Vragen om toestemming".');
      }}
    >
      <h2 id="vragen-kop">Toestemming vragen aan de jongere</h2>
      <p>Heeft u gegevens nodig die u alleen met toestemming mag krijgen? Vraag het de jongere hier. De jongere ziet precies deze vraag.</p>
      <fieldset aria-describedby={cmd.fields.dataCategories ? 'vraag-categorie-fout' : undefined}>
        <legend>Welke gegevens?</legend>
        {Object.entries(CATEGORIES).map(([c, label]) => (
          <CheckboxField key={c} label={label} name={`vraag-${c}`} checked={f.categories.includes(c)} onChange={(on) => toggle(c, on)} />
        ))}
        {cmd.fields.dataCategories ? (
          <p className="fouttekst" id="vraag-categorie-fout">
            Kies minstens één soort gegevens.
          </p>
        ) : null}
      </fieldset>
      <SelectField
        label="Soort organisatie die de gegevens heeft"
        name="holderType"
        value={f.holderType}
        onChange={(holderType) => setF({ ...f, holderType, holderId: '' })}
        options={options(['school', 'rmc', 'werk-inkomen', 'zorg'], {
          school: 'School',
          rmc: 'RMC',
          'werk-inkomen': 'Werk & Inkomen',
          zorg: 'Zorg',
        })}
      />
      <OrganisatieKiezer
        label="Van welke organisatie?"
        kind={f.holderType}
        value={f.holderId}
        onChange={(holderId) => setF({ ...f, holderId })}
        error={cmd.fields['from.id'] ?? cmd.fields.from}
      />
      <SelectField
        label="Waarvoor?"
        name="purpose"
        value={f.purpose}
        onChange={(purpose) => setF({ ...f, purpose })}
        options={options(Object.keys(PURPOSES), PURPOSES)}
        error={cmd.fields.purpose}
      />
      <TextAreaField
        label="Waarom vraagt u dit? (de jongere leest dit)"
        name="reason"
        maxLength={500}
        required
        hint="In gewone woorden, 10 tot 500 tekens. Bijvoorbeeld: We willen je helpen een baan te vinden die past bij je opleiding."
        value={f.reason}
        onChange={(reason) => setF({ ...f, reason })}
        error={cmd.fields.reason}
      />
      <DateField
        label="Tot wanneer geldt de toestemming?"
        name="validUntil"
        hint="Hooguit een jaar"
        required
        value={f.validUntil}
        onChange={(validUntil) => setF({ ...f, validUntil })}
        error={cmd.fields.validUntil}
      />
      <button type="submit" disabled={cmd.busy}>
        Verzoek versturen
      </button>
      {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
      {sent ? (
        <p>
          <strong>De jongere leest:</strong> {sent.wordingText}
        </p>
      ) : null}
    </form>
  );
}
