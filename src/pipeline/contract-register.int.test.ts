/**
 * The stored registry's writes (decision 0032) on PGlite: two registers over one store (as two
 * instances over one PostgreSQL) cannot overwrite each other's change (optimistic version numbers),
 * the poll catches up, and the history and append-only rule hold in the database itself.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryConflictError } from '../contracts/handlers.js';
import { loadRegistryFile } from '../contracts/load.js';
import { createRegistryChecker } from '../contracts/registry.js';
import type { Registry } from '../contracts/types.js';
import { openDb, type OpenedDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { openContractRegister, ImportRemovesContractsError } from './contract-register.js';

const checker = createRegistryChecker();
const FILE = resolve(import.meta.dirname, '../../config/demo.registry.json');

describe('contract register over one store', () => {
  let opened: OpenedDb;
  let file: Registry;
  beforeAll(async () => {
    opened = await openDb({ memory: true });
    await migrate(opened.db);
    const check = await loadRegistryFile(FILE, checker);
    if (!check.ok) throw new Error('demo registry invalid');
    file = check.registry;
  });
  afterAll(async () => opened?.close());

  const renamed = (reg: Registry, naam: string): Registry => {
    const check = checker.check({ ...reg.document, contracten: reg.contracten.map((c, i) => (i === 0 ? { ...c, naam } : c)) }, 't');
    if (!check.ok) throw new Error('invalid');
    return check.registry;
  };

  it('a stale writer gets a conflict, not a silent overwrite; the poll catches up', async () => {
    const now = () => new Date('2026-11-03T09:00:00Z');
    const a = (await openContractRegister({ db: opened.db, checker, now, file: { name: 'demo', registry: file } })).register;
    const opened2 = await openContractRegister({ db: opened.db, checker, now, file: { name: 'demo', registry: file } });
    expect(opened2.imported.imported).toBe(false);
    const b = opened2.register;
    await a.replace(renamed(a.current(), 'A'), { door: 'operator:a', reden: 'a', bron: 'api' });
    await expect(b.replace(renamed(b.current(), 'B'), { door: 'operator:b', reden: 'b', bron: 'api' })).rejects.toBeInstanceOf(
      RegistryConflictError,
    );
    // The failed write re-read the store: b now has A's change and can write on top of it.
    expect(b.current().contracten[0]!.naam).toBe('A');
    await b.replace(renamed(b.current(), 'B'), { door: 'operator:b', reden: 'b', bron: 'api' });
    b.startPolling(20, () => undefined);
    a.startPolling(20, () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.current().contracten[0]!.naam).toBe('B');
    expect(a.versie()).toBe(3);
    a.stop();
    b.stop();
    const h = await a.history(file.contracten[0]!.id);
    expect(h.map((v) => [v.versie, v.door, v.soort])).toEqual([
      [3, 'operator:b', 'gewijzigd'],
      [2, 'operator:a', 'gewijzigd'],
      [1, 'import', 'aangemaakt'],
    ]);
  });

  it('a file that leaves out a stored contract is refused', async () => {
    const check = checker.check({ ...file.document, contracten: file.contracten.slice(1) }, 't');
    if (!check.ok) throw new Error('invalid');
    await expect(
      openContractRegister({ db: opened.db, checker, now: () => new Date(), file: { name: 'short.json', registry: check.registry } }),
    ).rejects.toBeInstanceOf(ImportRemovesContractsError);
  });

  it('the history tables refuse UPDATE and DELETE', async () => {
    await expect(opened.db.query(`UPDATE contract_registry_versie SET reden = 'x'`)).rejects.toThrow(/append-only/);
    await expect(opened.db.query(`DELETE FROM contract_wijziging`)).rejects.toThrow(/append-only/);
  });
});
