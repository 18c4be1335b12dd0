// Every transaction that writes begins IMMEDIATE: it takes the write lock
// when it starts, waiting out the busy timeout if another connection holds
// it. A deferred one (better-sqlite3's default) starts as a reader; if it
// reads before it writes, as a delete does (which call is indexed, which
// utterances to take out of the search index), and another connection
// commits in between (a live call's checkpoint, once a second, from this
// process's other thread or from `candor record`), its first write fails
// at once with SQLITE_BUSY_SNAPSHOT: no waiting can help a transaction
// whose snapshot is out of date. The user saw "the database is locked by
// another program" for a delete during a call. Nested, it is a savepoint of
// the outer transaction.
import type { Db } from './db';

export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
