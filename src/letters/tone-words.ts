/**
 * The words `templates check` listens for, per language. Patterns are regular-expression
 * sources matched case-insensitively on whole words (a German compound may continue:
 * "Inkasso" catches "Inkassobüro"). A language without a list is checked against all of them.
 */
export interface ToneWords {
  /** Threats and legal words: not before the final notice. */
  threats: string[];
  /** Ways to talk: a contact, a query or dispute, a payment plan. */
  contact: string[];
  dispute: string[];
  plan: string[];
  /** "If you have already paid, thank you, and please disregard this letter." */
  alreadyPaid: string[];
  thanks: string[];
  disregard: string[];
  /** The final notice names what happens next. */
  nextStep: string[];
}

export const TONE_WORDS: Record<string, ToneWords> = {
  en: {
    threats: [
      'lawsuits?', 'sue', 'suing', 'courts?', 'county court', 'collection agenc(y|ies)', 'debt collect(or|ors|ion)', 'credit (report|reports|reporting|reference|rating)',
      'legal (action|proceedings|steps)', 'solicitors?', 'lawyers?', 'attorneys?', 'bailiffs?', 'blacklist(ed)?', 'or else', 'we will be forced', 'failure to pay will',
    ],
    contact: ['reply', 'call', 'contact', 'get in touch', 'write to us', 'let us know', 'tell us', 'talk'],
    dispute: ['query', 'queries', 'dispute', 'not right', 'question', 'disagree', 'mistake'],
    plan: ['payment plan', 'instal?ments?'],
    alreadyPaid: ['already (paid|sent|made|settled)'],
    thanks: ['thank'],
    disregard: ['disregard', 'ignore this'],
    nextStep: ['collection agency', 'debt collect\\p{L}*', 'solicitors?', 'lawyers?', 'legal', 'court', 'pass (the|your|this) account'],
  },
  fr: {
    threats: [
      'poursuites?', 'poursuivre', 'tribunal', 'tribunaux', 'huissiers?', "(agence|société|cabinet)s? de recouvrement", 'recouvrement (judiciaire|contentieux|forcé)',
      'contentieux', 'action en justice', 'procédure judiciaire', 'avocats?', 'injonction de payer', 'mise en demeure', 'fichage', 'nous serons contraints',
    ],
    contact: ['répond\\p{L}*', 'appel\\p{L}*', 'contact\\p{L}*', 'écri\\p{L}*', 'dites-le', 'prévenez'],
    dispute: ['questions?', 'erreurs?', 'contest\\p{L}*', 'litiges?', 'réclamations?', 'pas correct\\p{L}*', 'souci'],
    plan: ['échéancier', 'plan de paiement', 'paiement en plusieurs fois', 'étalement', 'échelonn\\p{L}*'],
    alreadyPaid: ['déjà (effectué|réglé|payé|procédé|envoyé)'],
    thanks: ['remerci\\p{L}*', 'merci'],
    disregard: ['ne pas tenir compte', 'considérer ce (courrier|message|rappel) comme sans objet'],
    nextStep: ['recouvrement', 'avocats?', 'huissiers?', 'justice', 'tribunal', 'contentieux'],
  },
  de: {
    threats: [
      'klage\\p{L}*', 'verklagen', 'gericht(s\\p{L}*|lich\\p{L}*|e|en)?', 'inkasso\\p{L}*', 'schufa', '\\p{L}*anw(a|ä)lt\\p{L}*', 'rechtliche schritte', 'rechtliche konsequenzen',
      'mahnbescheid\\p{L}*', 'mahnverfahren\\p{L}*', 'gezwungen', 'zwangsvollstreckung\\p{L}*',
    ],
    contact: ['antwort\\p{L}*', 'rufen', 'anrufen', 'kontakt\\p{L}*', 'melden', 'schreiben sie', 'sprechen sie uns'],
    dispute: ['stimmt', 'rückfragen?', 'fragen?', 'unstimmigkeit\\p{L}*', 'einwände?', 'beanstand\\p{L}*', 'fehler'],
    plan: ['ratenzahlung\\p{L}*', 'raten', 'zahlungsplan\\p{L}*', 'teilzahlung\\p{L}*'],
    alreadyPaid: ['bereits (bezahlt|überwiesen|veranlasst|beglichen|gezahlt)'],
    thanks: ['dank\\p{L}*'],
    disregard: ['gegenstandslos', 'als erledigt'],
    nextStep: ['inkasso\\p{L}*', '\\p{L}*anwalt\\p{L}*', 'gericht(s\\p{L}*|lich\\p{L}*)?', 'mahnverfahren', 'mahnbescheid'],
  },
  es: {
    threats: [
      'demanda judicial', 'demandar(le|les)?', 'tribunal(es)?', 'juzgados?', '(agencia|empresa)s? de (cobro|recobro)', 'recobro', 'acciones (legales|judiciales)',
      'vía judicial', 'abogad[oa]s?', 'fichero de morosos', 'asnef', 'procedimiento monitorio', 'burofax', 'nos veremos obligados',
    ],
    contact: ['respond\\p{L}*', 'llám\\p{L}*', 'llamar\\p{L}*', 'contact\\p{L}*', 'escrib\\p{L}*', 'díganoslo', 'avísenos'],
    dispute: ['dudas?', 'problemas?', 'errore?s?', 'reclamaci(ón|ones)', 'desacuerdo', 'incidencias?'],
    plan: ['plan de pagos?', 'plazos', 'pago aplazado', 'fraccionar\\p{L}*'],
    alreadyPaid: ['ya (ha )?(realizado|efectuado|hecho|pagado|abonado)'],
    thanks: ['gracias', 'agradec\\p{L}*'],
    disregard: ['no tenga en cuenta', 'haga caso omiso'],
    nextStep: ['(agencia|empresa) de (cobro|recobro)', 'recobro', 'abogad\\p{L}*', 'judicial', 'tribunal'],
  },
};

/** Words in capitals that are not shouting: banking and tax abbreviations. Currency codes and invoice numbers pass anyway. */
export const ACRONYMS = new Set(['IBAN', 'BIC', 'SWIFT', 'SEPA', 'VAT', 'TVA', 'IVA', 'NIF', 'CIF', 'SIRET', 'SIREN', 'RIB', 'USA', 'UK', 'EU', 'UE', 'PDF', 'PO', 'BLZ', 'NB']);

/** The words for a language; an unknown one is held to every list. */
export function toneWords(lang: string): ToneWords {
  const own = TONE_WORDS[lang.split('-')[0]!];
  if (own) return own;
  const all = Object.values(TONE_WORDS);
  const merge = (k: keyof ToneWords) => all.flatMap((w) => w[k]);
  return {
    threats: merge('threats'),
    contact: merge('contact'),
    dispute: merge('dispute'),
    plan: merge('plan'),
    alreadyPaid: merge('alreadyPaid'),
    thanks: merge('thanks'),
    disregard: merge('disregard'),
    nextStep: merge('nextStep'),
  };
}

/** One pattern for a list of words, matched on word boundaries in any script. */
export function wordsPattern(words: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}
