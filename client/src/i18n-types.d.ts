import type { Messages } from '@tavla/shared';
import type { boardMessages } from './board/messages.js';
import type { dayMessages } from './day/messages.js';
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages; board: (typeof boardMessages)['nb']; day: (typeof dayMessages)['nb'] };
  }
}
