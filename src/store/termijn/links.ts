import type { Db } from '../db.js';

export interface KoppelingRow {
  /** 'antwoord': `id` answered the asked bericht; 'heenbericht': the asked bericht answered `id`. */
  richting: 'antwoord' | 'heenbericht';
  id: string;
  bericht: string;
  regel: string;
  sender: string;
  addressee: string | null;
  submitted_by: string | null;
}

/** The berichten a bericht is linked to through the termijnen it opened or closed, with who may read each. */
export async function termijnLinks(db: Db, id: string): Promise<KoppelingRow[]> {
  const r = await db.query<KoppelingRow>(
    `SELECT DISTINCT x.richting, x.id, j.bericht, x.regel, j.sender, j.addressee, j.submitted_by
       FROM (SELECT 'antwoord' AS richting, gesloten_door AS id, regel FROM termijn WHERE bericht_id = $1 AND gesloten_door IS NOT NULL
             UNION ALL
             SELECT 'heenbericht', bericht_id, regel FROM termijn WHERE gesloten_door = $1) x
       JOIN journal j ON j.id = x.id
      ORDER BY x.richting, x.id`,
    [id],
  );
  return r.rows;
}
