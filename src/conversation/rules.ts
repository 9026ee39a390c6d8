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
import { TR346 } from './rules/tr346.js';
import { TR378 } from './rules/tr378.js';
import { TR381 } from './rules/tr381.js';
import { TR418 } from './rules/tr418.js';

export const CONVERSATION_RULES: readonly ConversationRule[] = [TR019, TR135, TR326, TR333, TR338, TR374, TR346, TR378, TR381, TR418];
