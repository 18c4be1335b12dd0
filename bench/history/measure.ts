export async function measureHistory(db: string): Promise<unknown> { return db; }
