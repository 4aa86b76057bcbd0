/**
 * The default templates in Danish: the same audiences, phases, placeholders
 * and rules as the English ones (see defaultTemplates.ts), written as a Danish
 * service desk would write them, not word for word.
 */
import { lines, type TemplateLibrary } from './templateLibrary';

export const DANISH_LIBRARY: TemplateLibrary = {
  technical: {
    initial: {
      subject: '[{{priority}}] Hændelse erklæret: {{title}}',
      body: lines(
        'Der er erklæret en hændelse med prioritet {{priority}} den {{declaredAt}}: {{title}}',
        '',
        'Det ved vi',
        'Status: {{status}}',
        'Berørte tjenester: {{services}}',
        'Påvirkning: {{impact}}',
        '',
        'Hændelsesleder: {{commander}}',
        'Teknisk bro: {{technicalBridge}}',
        '',
        'Hvis dit team ejer en berørt tjeneste eller noget, den afhænger af, så kom på broen. Del gerne jeres fund på broen frem for i sidekanaler.',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    update: {
      subject: '[{{priority}}] Opdatering: {{title}}',
      body: lines(
        'Status: {{status}}',
        'Berørte tjenester: {{services}}',
        'Påvirkning: {{impact}}',
        '',
        'Det arbejder vi på: {{currentWork}}',
        'Forventet løst: {{eta}}',
        '',
        'Hændelsesleder: {{commander}}',
        'Teknisk bro: {{technicalBridge}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    resolved: {
      subject: '[{{priority}}] Løst: {{title}}',
      body: lines(
        'Hændelsen er løst: {{title}}',
        '',
        'Berørte tjenester: {{services}}',
        'Påvirkning: {{impact}}',
        'Varighed: {{duration}} (erklæret den {{declaredAt}})',
        '',
        'Hold øje med de berørte tjenester, og meld alt usædvanligt til hændelseslederen, {{commander}}.',
        'Der følger en skyldfri evaluering. Skriv ned, mens det er frisk i erindringen: hvad du så, hvad du gjorde og hvornår, og hvad der hjalp eller stod i vejen.',
      ),
    },
    followUp: {
      subject: '[{{priority}}] Evaluering af hændelsen: {{title}}',
      body: lines(
        'Evalueringen af {{title}} er ved at blive forberedt.',
        '',
        'Berørte tjenester: {{services}}',
        'Varighed: {{duration}}',
        '',
        'Evalueringen er skyldfri: den ser på systemer, signaler og beslutninger, ikke på hvem der gjorde hvad. Den gennemgår tidslinjen, hvad der hjalp, hvad der forsinkede os, og de tiltag, der gør en gentagelse mindre sandsynlig.',
        'Send dine noter og tidslinjeindslag til hændelseslederen, {{commander}}, inden evalueringen.',
      ),
    },
  },

  business: {
    initial: {
      subject: '[{{priority}}] Hændelse: {{title}}',
      body: lines(
        'Vi håndterer en hændelse med prioritet {{priority}}, som påvirker {{services}}.',
        '',
        'Forretningsmæssig påvirkning: {{impact}}',
        'Status: {{status}}',
        'Forventet løst: {{eta}}',
        '',
        'Forretningsbro: {{businessBridge}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    update: {
      subject: '[{{priority}}] Opdatering: {{title}}',
      body: lines(
        'Status: {{status}}',
        'Forretningsmæssig påvirkning: {{impact}}',
        'Berørte tjenester: {{services}}',
        'Forventet løst: {{eta}}',
        '',
        'Forretningsbro: {{businessBridge}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    resolved: {
      subject: '[{{priority}}] Løst: {{title}}',
      body: lines(
        'Hændelsen er løst, og tjenesten kører igen.',
        '',
        'Berørte tjenester: {{services}}',
        'Forretningsmæssig påvirkning: {{impact}}',
        'Varighed: {{duration}} (erklæret den {{declaredAt}})',
        '',
        'Giv os besked, hvis jeres teams eller kunder stadig mærker følger. Der følger en skyldfri evaluering af hændelsen.',
      ),
    },
    followUp: {
      subject: '[{{priority}}] Evaluering af hændelsen: {{title}}',
      body: lines(
        'En skyldfri evaluering af {{title}} er i gang.',
        '',
        'Berørte tjenester: {{services}}',
        'Forretningsmæssig påvirkning: {{impact}}',
        'Varighed: {{duration}}',
        '',
        'Evalueringen beskriver, hvad der skete, og hvilke tiltag der gør en gentagelse mindre sandsynlig. Vi deler et resumé, når den er færdig. Send os gerne de forretningsmæssige følger, vi bør tage med.',
      ),
    },
  },

  executives: {
    initial: {
      subject: '[{{priority}}] Alvorlig hændelse: {{title}}',
      body: lines(
        'Hændelse med prioritet {{priority}}: {{title}}. Påvirkning: {{impact}}',
        'Status: {{status}}',
        'Hændelsesleder: {{commander}}',
        'Forventet løst: {{eta}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    update: {
      subject: '[{{priority}}] Opdatering: {{title}}',
      body: lines(
        'Status: {{status}}',
        'Påvirkning: {{impact}}',
        'Hændelsesleder: {{commander}}',
        'Forventet løst: {{eta}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    resolved: {
      subject: '[{{priority}}] Løst: {{title}}',
      body: lines('Løst: {{title}} ({{priority}}).', 'Påvirkning: {{impact}}', 'Varighed: {{duration}}', 'Der følger en skyldfri evaluering af hændelsen.'),
    },
    followUp: {
      subject: '[{{priority}}] Evaluering af hændelsen: {{title}}',
      body: lines(
        'Evalueringen af {{title}} ({{priority}}, {{duration}}) er ved at blive forberedt.',
        'Den gennemgår tidslinjen, påvirkningen og de tiltag, der gør en gentagelse mindre sandsynlig.',
        'Den er skyldfri: konklusionerne handler om systemer og processer, ikke om enkeltpersoner.',
      ),
    },
  },

  customers: {
    initial: {
      subject: 'Driftsforstyrrelse, der påvirker {{services}}',
      body: lines(
        'Kære kunde',
        '',
        'Vi oplever i øjeblikket en driftsforstyrrelse, der påvirker {{services}}.',
        '',
        'Det kan du mærke: {{impact}}',
        'Status lige nu: {{status}}',
        'Forventet løst: {{eta}}',
        '',
        'Vi arbejder på at få alt til at køre normalt igen så hurtigt som muligt. Vi beklager ulejligheden og sender næste opdatering senest {{nextUpdate}}.',
        '',
        'Med venlig hilsen',
        'Driftsafdelingen',
      ),
    },
    update: {
      subject: 'Opdatering: driftsforstyrrelse, der påvirker {{services}}',
      body: lines(
        'Kære kunde',
        '',
        'Her er det seneste nye om driftsforstyrrelsen, der påvirker {{services}}.',
        '',
        'Det kan du mærke: {{impact}}',
        'Status lige nu: {{status}}',
        'Forventet løst: {{eta}}',
        '',
        'Vi beklager ulejligheden. Vores næste opdatering kommer senest {{nextUpdate}}.',
        '',
        'Med venlig hilsen',
        'Driftsafdelingen',
      ),
    },
    resolved: {
      subject: 'Løst: driftsforstyrrelse, der påvirkede {{services}}',
      body: lines(
        'Kære kunde',
        '',
        'Driften er genoprettet. Forstyrrelsen påvirkede {{services}} i {{duration}}.',
        '',
        'Hvis du stadig oplever problemer, så kontakt os via din sædvanlige supportkanal.',
        '',
        'Vi gennemgår forstyrrelsen grundigt og tager skridt til at forhindre, at den sker igen. Tak for din tålmodighed, og undskyld ulejligheden.',
        '',
        'Med venlig hilsen',
        'Driftsafdelingen',
      ),
    },
    followUp: {
      subject: 'Opfølgning: driftsforstyrrelse, der påvirkede {{services}}',
      body: lines(
        'Kære kunde',
        '',
        'Efter den nylige driftsforstyrrelse, der påvirkede {{services}}, er vi ved at afslutte en grundig gennemgang af, hvad der skete.',
        '',
        'Vi deler et resumé af konklusionerne og af de forbedringer, vi indfører for at undgå en gentagelse. Tak for din tålmodighed og fortsatte tillid.',
        '',
        'Med venlig hilsen',
        'Driftsafdelingen',
      ),
    },
  },

  users: {
    initial: {
      subject: 'Driftsforstyrrelse: {{services}}',
      body: lines(
        'Vi er klar over et problem, der påvirker {{services}}, og arbejder på at løse det.',
        'Påvirkning: {{impact}}',
        'Status: {{status}}',
        'Forventet løst: {{eta}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    update: {
      subject: 'Opdatering: {{services}}',
      body: lines(
        'Vi arbejder stadig på at få {{services}} til at virke igen.',
        'Påvirkning: {{impact}}',
        'Status: {{status}}',
        'Forventet løst: {{eta}}',
        'Næste opdatering: {{nextUpdate}}',
      ),
    },
    resolved: {
      subject: 'Løst: {{services}}',
      body: lines(
        'Driften er genoprettet. {{services}} skulle nu virke normalt igen.',
        'Forstyrrelsen varede {{duration}}.',
        'Vi gennemgår, hvad der skete, for at forhindre, at det sker igen. Tak for jeres tålmodighed.',
      ),
    },
    followUp: {
      subject: 'Opfølgning: {{services}}',
      body: lines(
        'Vi gennemgår den nylige driftsforstyrrelse, der påvirkede {{services}}.',
        'Et resumé af, hvad der skete, og hvad vi forbedrer, bliver offentliggjort her.',
      ),
    },
  },

  social: {
    initial: {
      subject: '',
      body: 'Vi er klar over et problem, der påvirker {{services}}, og arbejder på en løsning. Forventet løst: {{eta}}. Næste opdatering senest {{nextUpdate}} på vores statusside.',
    },
    update: {
      subject: '',
      body: 'Opdatering om {{services}}: {{status}}. Forventet løst: {{eta}}. Vi skriver igen senest {{nextUpdate}} på vores statusside.',
    },
    resolved: {
      subject: '',
      body: '{{services}}: driften er genoprettet. Tak for jeres tålmodighed. Detaljer på vores statusside.',
    },
    followUp: {
      subject: '',
      body: 'Vi gennemgår den nylige driftsforstyrrelse af {{services}}. Et resumé og de forbedringer, vi laver, kommer på vores statusside.',
    },
  },
};
