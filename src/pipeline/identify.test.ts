import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../standard/generated/model.js';
import { collectBsns, direction } from './identify.js';

const h = { berichtCode: '', afzender: '0384', ontvanger: '42420001', identificatie: 'X', dagtekening: '2026-01-01' };

describe('sender by message direction (FACTS §4.2)', () => {
  it('heenberichten are sent by the Afzender', () => {
    for (const id of ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325', 'WMO301', 'WMO325'] as const) {
      expect(direction(MESSAGES[id], h), id).toEqual({ sender: '0384', counterparty: '42420001' });
    }
  });
  it('retourberichten copy the heen header, so they are sent by the Ontvanger', () => {
    for (const id of ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320', 'WMO302', 'WMO320'] as const) {
      expect(direction(MESSAGES[id], h), id).toEqual({ sender: '42420001', counterparty: '0384' });
    }
  });
  it('collects every Bsn at any depth', () => {
    expect([...collectBsns({ Client: [{ Bsn: '1' }, { Bsn: '2', X: { Bsn: '3' } }], Header: {} })]).toEqual(['1', '2', '3']);
  });
});
