import { describe, expect, it } from 'vitest';
import { boundedStatementNames } from '../../src/storage/statement-names.js';

describe('boundedStatementNames', () => {
  it('names each text once and the same text alike, never transaction control', () => {
    const name = boundedStatementNames();
    const a = name({ sql: 'SELECT 1' });
    expect(a).toBeTruthy();
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 2' })).not.toBe(a);
    for (const sql of ['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT s1', 'RELEASE SAVEPOINT s1', 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE']) expect(name({ sql })).toBeUndefined();
  });

  it('leaves texts beyond its bound unnamed, and keeps naming those it knows', () => {
    const name = boundedStatementNames(2);
    const first = name({ sql: 'SELECT 1' });
    name({ sql: 'SELECT 2' });
    expect(name({ sql: 'SELECT 3' })).toBeUndefined();
    expect(name({ sql: 'SELECT 1' })).toBe(first);
  });
});
