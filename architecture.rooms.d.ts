/** Types of architecture.rooms.js (plain JS so that eslint.config.js can read it too). */
export interface Room {
  /** The other rooms this room may import (type-only imports included). */
  readonly may: readonly string[];
  readonly why: string;
}
export declare const ROOMS: Readonly<Record<string, Room>>;
