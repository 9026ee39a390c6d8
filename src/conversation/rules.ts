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
// --- declaratie rules (323/325) ---
import { TR304 } from './rules/tr304.js';
import { TR307 } from './rules/tr307.js';
import { TR308 } from './rules/tr308.js';
import { TR337 } from './rules/tr337.js';
import { TR339 } from './rules/tr339.js';
import { TR340 } from './rules/tr340.js';
import { TR341 } from './rules/tr341.js';
import { TR314 } from './rules/tr314.js';
import { TR318 } from './rules/tr318.js';
import { TR319 } from './rules/tr319.js';
import { TR321 } from './rules/tr321.js';
import { TR322 } from './rules/tr322.js';
import { TR323 } from './rules/tr323.js';
import { TR366 } from './rules/tr366.js';
import { TR367 } from './rules/tr367.js';
import { TR369 } from './rules/tr369.js';
import { TR371 } from './rules/tr371.js';
import { TR376 } from './rules/tr376.js';
import { TR384 } from './rules/tr384.js';
import { TR385 } from './rules/tr385.js';
import { TR387 } from './rules/tr387.js';
import { TR388 } from './rules/tr388.js';
import { TR389 } from './rules/tr389.js';
import { TR390 } from './rules/tr390.js';

/** The declaratie rules, in the order of their ids. */
const DECLARATIE_RULES: readonly ConversationRule[] = [
  TR304,
  TR307,
  TR308,
  TR314,
  TR318,
  TR319,
  TR321,
  TR322,
  TR323,
  TR337,
  TR339,
  TR340,
  TR341,
  TR366,
  TR367,
  TR369,
  TR371,
  TR376,
  TR384,
  TR385,
  TR387,
  TR388,
  TR389,
  TR390,
];

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
import { TR411 } from './rules/tr411.js';
import { TR412 } from './rules/tr412.js';
import { TR413 } from './rules/tr413.js';
import { TR414 } from './rules/tr414.js';
import { TR415 } from './rules/tr415.js';

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
  TR411,
  TR412,
  TR413,
  TR414,
  TR415,
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
  ...DECLARATIE_RULES,
  ...EXTERNE_BRON_RULES,
];
