import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { beantwoord, declaratieVraag, finding } from './declaratie.js';

/** TR337: a 325's DeclaratieIdentificatie is the BerichtIdentificatie of a 323 received earlier. */
export const TR337 = conversationRule({
  id: 'TR337',
  retourCode: 'n.v.t.',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratieAntwoord],
  klasse: 'Header',
  lezing:
    'the DeclaratieIdentificatie (Identificatie and Dagtekening) of a 325 is the BerichtIdentificatie of a 323 the aanbieder it is sent to sent earlier to this gemeente in the domain',
  grenzen:
    'a 323 sent before Sluis saw this pair, or outside Sluis, is unknown to it; the standard gives no retourcode (a 325 gets no answer), so the finding is advice only',
  vragen: declaratieVraag,
  check: (s, state) => {
    const q = beantwoord(s);
    if (!q) return [];
    const d = state.declaratie(q);
    const ok = d !== undefined && d.gemeente === s.gemeente && (d.dagtekening === undefined || d.dagtekening === s.heen?.dagtekening);
    return ok
      ? []
      : [
          finding(
            TR337,
            '/Bericht/Header/DeclaratieIdentificatie',
            d === undefined || d.gemeente !== s.gemeente
              ? `DeclaratieIdentificatie ${q.identificatie} is not a declaratie Sluis has seen from aanbieder ${s.aanbieder} to gemeente ${s.gemeente}`
              : `DeclaratieIdentificatie ${q.identificatie} has Dagtekening ${s.heen?.dagtekening ?? '?'}, the declaratie's is ${d.dagtekening ?? '?'}`,
          ),
        ];
  },
});
