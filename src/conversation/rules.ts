/**
 * The conversation rules encoded so far (issue: the 58 berichtoverstijgende and externe-bron rules).
 * Adding a rule is adding an entry here, with its own file and test in ./rules/.
 */
import type { ConversationRule } from './rule.js';
import { TR019 } from './rules/tr019.js';
import { TR135 } from './rules/tr135.js';
import { TR326 } from './rules/tr326.js';
import { TR333 } from './rules/tr333.js';
import { TR338 } from './rules/tr338.js';
import { TR374 } from './rules/tr374.js';
// --- regie / toewijzing / verzoek rules (305/307, 301, 315/317, 319) ---
import { TR063 } from './rules/tr063.js';
import { TR071 } from './rules/tr071.js';
import { TR074 } from './rules/tr074.js';
import { TR382 } from './rules/tr382.js';
import { TR347 } from './rules/tr347.js';
import { TR355 } from './rules/tr355.js';
import { TR359 } from './rules/tr359.js';
import { TR360 } from './rules/tr360.js';
import { TR365 } from './rules/tr365.js';
import { TR349 } from './rules/tr349.js';
import { TR350 } from './rules/tr350.js';
import { TR351 } from './rules/tr351.js';
import { TR357 } from './rules/tr357.js';
import { TR361 } from './rules/tr361.js';
import { TR373 } from './rules/tr373.js';
import { TR375 } from './rules/tr375.js';
import { TR332 } from './rules/tr332.js';
import { TR379 } from './rules/tr379.js';

const REGIE_RULES: readonly ConversationRule[] = [
  TR063,
  TR071,
  TR074,
  TR382,
  TR347,
  TR355,
  TR359,
  TR360,
  TR365,
  TR349,
  TR350,
  TR351,
  TR357,
  TR361,
  TR373,
  TR375,
  TR332,
  TR379,
];

// --- externe bron (the CBS list, the contract registry) ---
import { TR346 } from './rules/tr346.js';
import { TR378 } from './rules/tr378.js';
import { TR381 } from './rules/tr381.js';
import { TR418 } from './rules/tr418.js';

const EXTERNE_BRON_RULES: readonly ConversationRule[] = [TR346, TR378, TR381, TR418];

export const CONVERSATION_RULES: readonly ConversationRule[] = [
  TR019,
  TR135,
  TR326,
  TR333,
  TR338,
  TR374,
  ...REGIE_RULES,
  ...EXTERNE_BRON_RULES,
];
