/**
 * The SQLite layer under Prisma: a driver adapter we own, on better-sqlite3.
 *
 * Why our own (docs/decisions/0010-sqlite-layer.md): better-sqlite3 is
 * synchronous, so SQLite's busy_timeout would block the whole event loop
 * while another process holds the write lock, and Prisma's stock adapter
 * sends COMMIT as an ordinary statement, so a COMMIT that fails (disk full,
 * I/O error) left its lock held for ever. Here:
 *
 * - One writer connection, taken by one transaction or statement at a time
 *   through an asynchronous lock, and one reader connection. Statements that
 *   only read (better-sqlite3 tells us: `Statement.readonly`) go to the
 *   reader, so reading never waits for another request's transaction.
 * - busy_timeout is 0: when another process holds a lock, SQLite answers
 *   SQLITE_BUSY at once and we try again after a short asynchronous sleep,
 *   so the event loop keeps serving everything else.
 * - Waiting has a deadline. Past it, or when the disk is full or failing,
 *   the statement throws `DatabaseUnavailableError`, which the HTTP layer
 *   answers with 503 and Retry-After.
 * - COMMIT and ROLLBACK are ours (Prisma's "phantom" transaction mode), so
 *   the writer is released whatever happens to them.
 */
import Database, { type Database as Connection, type Statement } from "better-sqlite3";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type ArgType,
  type ColumnType,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";

export type SqliteOptions = {
  file: string;
  synchronous: "NORMAL" | "FULL";
  /** How long a statement may wait for a lock (this process's writer or another process's) before giving up. */
  lockTimeoutMs: number;
  /** A transaction still open after this long is rolled back, so a lost one cannot hold the writer. */
  transactionTimeoutMs: number;
  /** Called with every statement sent to SQLite (for query counts). */
  onStatement?: () => void;
};

/**
 * The database cannot serve the request now: the write lock did not come
 * within the deadline, or the disk is full or failing. Nothing was written.
 * Worth retrying later; never the user's fault.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(
    readonly reason: "busy" | "full" | "io",
    readonly sqliteCode: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`The database is unavailable (${reason}, ${sqliteCode}); try again in ${retryAfterSeconds} s.`);
  }
}

/** Across bundles (the HTTP layer and the Remix build each have a copy of this module), match by name. */
export function isDatabaseUnavailable(error: unknown): error is DatabaseUnavailableError {
  return error instanceof Error && error.name === "DatabaseUnavailableError";
}

/** Whether writes are currently failing, for the health check. */
export type WriteHealth = { failingSince: Date | null; lastCode: string | null };

export class SqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = "hoc-so-sqlite";
  #adapter: SqliteAdapter | null = null;

  constructor(readonly options: SqliteOptions) {}

  async connect(): Promise<SqlDriverAdapter> {
    this.#adapter = await SqliteAdapter.open(this.options);
    return this.#adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return SqliteAdapter.open({ ...this.options, file: ":memory:" });
  }

  /** The connected adapter's write health; all clear before the first connection. */
  writeHealth(): WriteHealth {
    return this.#adapter?.writeHealth ?? { failingSince: null, lastCode: null };
  }
}

class SqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName = "hoc-so-sqlite";
  readonly writeHealth: WriteHealth = { failingSince: null, lastCode: null };
  readonly #writer: StatementRunner;
  readonly #reader: StatementRunner;
  readonly #lock = new WriterLock();

  private constructor(
    readonly options: SqliteOptions,
    writer: Connection,
    reader: Connection,
  ) {
    this.#writer = new StatementRunner(writer, options);
    this.#reader = new StatementRunner(reader, options);
  }

  static async open(options: SqliteOptions): Promise<SqliteAdapter> {
    const deadline = Date.now() + options.lockTimeoutMs;
    const writer = await retryWhileBusy(() => openConnection(options, "writer"), deadline, options);
    const reader =
      options.file === ":memory:" ? writer : await retryWhileBusy(() => openConnection(options, "reader"), deadline, options);
    return new SqliteAdapter(options, writer, reader);
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#route(query, (runner, statement) => runner.query(statement, query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return this.#route(query, (runner, statement) => runner.execute(statement, query));
  }

  /** Reads go to the reader at once; anything that writes waits for the writer. */
  async #route<T>(query: SqlQuery, run: (runner: StatementRunner, statement: Statement) => T): Promise<T> {
    try {
      const deadline = this.#deadline();
      const statement = await retryWhileBusy(() => this.#reader.prepare(query.sql), deadline, this.options);
      if (statement.readonly) return await retryWhileBusy(() => run(this.#reader, statement), deadline, this.options);
    } catch (error) {
      throw convertError(error, this.options);
    }
    return this.#write(() => run(this.#writer, this.#writer.prepare(query.sql)));
  }

  async executeScript(script: string): Promise<void> {
    await this.#write(() => this.#writer.connection.exec(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    }
    const deadline = this.#deadline();
    const release = await this.#lock.acquire(deadline, this.options);
    try {
      // IMMEDIATE takes the write lock now, where waiting is safe to retry,
      // rather than at the first write, where SQLite may refuse the upgrade.
      await retryWhileBusy(() => this.#writer.run("BEGIN IMMEDIATE"), deadline, this.options);
    } catch (error) {
      release();
      throw this.#noteWrite(error);
    }
    return new SqliteTransaction(this.#writer, this.options, (error) => {
      release();
      if (error === undefined) this.#noteWrite(undefined);
      else this.#noteWrite(error);
    });
  }

  async dispose(): Promise<void> {
    this.#reader.connection.close();
    if (this.#writer.connection.open) this.#writer.connection.close();
  }

  #deadline() {
    return Date.now() + this.options.lockTimeoutMs;
  }

  /** A write outside a transaction: autocommit on the writer, once the writer is ours. */
  async #write<T>(run: () => T): Promise<T> {
    const deadline = this.#deadline();
    const release = await this.#lock.acquire(deadline, this.options);
    try {
      const result = await retryWhileBusy(run, deadline, this.options);
      this.#noteWrite(undefined);
      return result;
    } catch (error) {
      throw this.#noteWrite(error);
    } finally {
      release();
    }
  }

  /** Remembers whether writes work (for /healthz) and turns storage failures into DatabaseUnavailableError. */
  #noteWrite(error: unknown): unknown {
    if (error === undefined) {
      this.writeHealth.failingSince = null;
      this.writeHealth.lastCode = null;
      return undefined;
    }
    const converted = convertError(error, this.options);
    if (isDatabaseUnavailable(converted) && converted.reason !== "busy") {
      this.writeHealth.failingSince ??= new Date();
      this.writeHealth.lastCode = converted.sqliteCode;
    }
    return converted;
  }
}

class SqliteTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName = "hoc-so-sqlite";
  // Prisma calls commit() and rollback() instead of sending COMMIT itself,
  // so the writer is released even when COMMIT fails.
  readonly options = { usePhantomQuery: true };
  #done = false;
  readonly #watchdog: NodeJS.Timeout;

  constructor(
    private readonly writer: StatementRunner,
    private readonly settings: SqliteOptions,
    private readonly finish: (error?: unknown) => void,
  ) {
    this.#watchdog = setTimeout(() => {
      console.error(`A database transaction was open for ${settings.transactionTimeoutMs} ms; rolling it back.`);
      void this.rollback();
    }, settings.transactionTimeoutMs);
    this.#watchdog.unref();
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    this.#assertOpen();
    return this.#inside(() => this.writer.query(this.writer.prepare(query.sql), query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    this.#assertOpen();
    return this.#inside(() => this.writer.execute(this.writer.prepare(query.sql), query));
  }

  async commit(): Promise<void> {
    if (this.#done) return;
    try {
      await retryWhileBusy(() => this.writer.run("COMMIT"), Date.now() + this.settings.lockTimeoutMs, this.settings);
    } catch (error) {
      // A failed COMMIT may leave the transaction open (SQLITE_BUSY) or
      // already rolled back (SQLITE_FULL, an I/O error): end it either way.
      this.#rollbackQuietly();
      this.#end(error);
      throw convertError(error, this.settings);
    }
    this.#end();
  }

  async rollback(): Promise<void> {
    if (this.#done) return;
    this.#rollbackQuietly();
    this.#end(null);
  }

  #rollbackQuietly() {
    try {
      if (this.writer.connection.inTransaction) this.writer.run("ROLLBACK");
    } catch (error) {
      console.error("ROLLBACK failed", error);
    }
  }

  /** error: undefined = committed, null = rolled back on purpose, else why the commit failed. */
  #end(error?: unknown) {
    this.#done = true;
    clearTimeout(this.#watchdog);
    this.finish(error === null ? undefined : error);
  }

  #assertOpen() {
    if (this.#done) throw new DriverAdapterError({ kind: "TransactionAlreadyClosed", cause: "The transaction has ended." });
  }

  #inside<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw convertError(error, this.settings);
    }
  }
}

/** Prepared statements of one connection, and the conversions Prisma expects. */
class StatementRunner {
  // Prisma's SQL repeats (the same shapes with other values); preparing is
  // a large share of a small query's cost. Bounded, oldest out first.
  readonly #statements = new Map<string, Statement>();

  constructor(
    readonly connection: Connection,
    private readonly options: SqliteOptions,
  ) {}

  prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      if (this.#statements.size >= 500) this.#statements.delete(this.#statements.keys().next().value as string);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string) {
    this.options.onStatement?.();
    this.prepare(sql).run();
  }

  query(statement: Statement, query: SqlQuery): SqlResultSet {
    this.options.onStatement?.();
    const args = query.args.map((arg, i) => toSqliteArg(arg, query.argTypes[i]));
    if (!statement.reader) {
      statement.run(...args);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
    const columns = statement.columns();
    const rows = statement.raw(true).all(...args) as unknown[][];
    const columnTypes = columnTypesOf(
      columns.map((column) => column.type),
      rows,
    );
    return { columnNames: columns.map((column) => column.name), columnTypes, rows: rows.map((row) => toPrismaRow(row, columnTypes)) };
  }

  execute(statement: Statement, query: SqlQuery): number {
    this.options.onStatement?.();
    const args = query.args.map((arg, i) => toSqliteArg(arg, query.argTypes[i]));
    if (statement.reader) return statement.raw(true).all(...args).length;
    return statement.run(...args).changes;
  }
}

function openConnection(options: SqliteOptions, role: "writer" | "reader"): Connection {
  // timeout 0: never let SQLite sleep on a lock inside a synchronous call.
  const connection = new Database(options.file, { timeout: 0 });
  try {
    connection.defaultSafeIntegers(true);
    connection.pragma("busy_timeout = 0");
    if (role === "writer") connection.pragma("journal_mode = WAL");
    connection.pragma("foreign_keys = ON");
    connection.pragma(`synchronous = ${options.synchronous}`);
    // The reader must never write: a statement routed here by mistake fails loudly.
    if (role === "reader") connection.pragma("query_only = ON");
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

/**
 * One holder of the writer at a time, first come first served, each waiting
 * asynchronously until its deadline.
 */
class WriterLock {
  #held = false;
  readonly #queue: Array<{ grant: () => void; timer: NodeJS.Timeout }> = [];

  acquire(deadline: number, options: SqliteOptions): Promise<() => void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve(this.#releaser());
        },
        timer: setTimeout(() => {
          this.#queue.splice(this.#queue.indexOf(waiter), 1);
          reject(new DatabaseUnavailableError("busy", "SQLITE_BUSY", retryAfter(options)));
        }, Math.max(0, deadline - Date.now())),
      };
      this.#queue.push(waiter);
    });
  }

  #releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant();
      else this.#held = false;
    };
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}

/** Runs a synchronous SQLite call, and while another process holds the lock, tries again after a short async sleep. */
async function retryWhileBusy<T>(run: () => T, deadline: number, options: SqliteOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return run();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) throw new DatabaseUnavailableError("busy", String((error as { code: string }).code), retryAfter(options));
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 50)));
    }
  }
}

function retryAfter(options: SqliteOptions) {
  return Math.max(1, Math.ceil(options.lockTimeoutMs / 1000));
}

/** SQLite's error codes, as Prisma expects them or as DatabaseUnavailableError. */
function convertError(error: unknown, options: SqliteOptions): unknown {
  if (isDatabaseUnavailable(error) || error instanceof DriverAdapterError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== "string") return error;
  if (isBusy(error)) return new DatabaseUnavailableError("busy", code, retryAfter(options));
  if (code === "SQLITE_FULL") return new DatabaseUnavailableError("full", code, 30);
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_READONLY") || code === "SQLITE_CANTOPEN" || code === "SQLITE_PROTOCOL") {
    return new DatabaseUnavailableError("io", code, 30);
  }
  const fields = () => message.split("constraint failed: ")[1]?.split(", ").map((field) => field.split(".").pop() ?? field);
  const base = { originalCode: code, originalMessage: message };
  switch (code) {
    case "SQLITE_CONSTRAINT_UNIQUE":
    case "SQLITE_CONSTRAINT_PRIMARYKEY": {
      const names = fields();
      return new DriverAdapterError({ ...base, kind: "UniqueConstraintViolation", constraint: names ? { fields: names } : undefined });
    }
    case "SQLITE_CONSTRAINT_NOTNULL": {
      const names = fields();
      return new DriverAdapterError({ ...base, kind: "NullConstraintViolation", constraint: names ? { fields: names } : undefined });
    }
    case "SQLITE_CONSTRAINT_FOREIGNKEY":
    case "SQLITE_CONSTRAINT_TRIGGER":
      return new DriverAdapterError({ ...base, kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} } });
  }
  if (message.startsWith("no such table")) return new DriverAdapterError({ ...base, kind: "TableDoesNotExist", table: message.split(": ")[1] });
  if (message.startsWith("no such column")) return new DriverAdapterError({ ...base, kind: "ColumnNotFound", column: message.split(": ")[1] });
  if (message.includes("has no column named ")) {
    return new DriverAdapterError({ ...base, kind: "ColumnNotFound", column: message.split("has no column named ")[1] });
  }
  return error;
}

// Values in the shapes Prisma's SQLite query engine reads and writes (the
// same as its better-sqlite3 adapter, so existing rows read back unchanged).

function toSqliteArg(arg: unknown, type: ArgType | undefined): unknown {
  if (arg === null || arg === undefined) return null;
  const scalar = type?.scalarType;
  if (typeof arg === "string") {
    if (scalar === "int") return Number.parseInt(arg, 10);
    if (scalar === "float" || scalar === "decimal") return Number.parseFloat(arg);
    if (scalar === "bigint") return BigInt(arg);
    if (scalar === "datetime") return toSqliteDate(new Date(arg));
    if (scalar === "bytes") return Buffer.from(arg, "base64");
  }
  if (typeof arg === "boolean") return arg ? 1 : 0;
  if (arg instanceof Date) return toSqliteDate(arg);
  if (Array.isArray(arg) && scalar === "bytes") return Buffer.from(arg as number[]);
  return arg;
}

function toSqliteDate(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

const declaredTypes: Record<string, ColumnType> = {
  DECIMAL: ColumnTypeEnum.Numeric,
  FLOAT: ColumnTypeEnum.Float,
  DOUBLE: ColumnTypeEnum.Double,
  "DOUBLE PRECISION": ColumnTypeEnum.Double,
  NUMERIC: ColumnTypeEnum.Double,
  REAL: ColumnTypeEnum.Double,
  TINYINT: ColumnTypeEnum.Int32,
  SMALLINT: ColumnTypeEnum.Int32,
  MEDIUMINT: ColumnTypeEnum.Int32,
  INT: ColumnTypeEnum.Int32,
  INTEGER: ColumnTypeEnum.Int32,
  SERIAL: ColumnTypeEnum.Int32,
  INT2: ColumnTypeEnum.Int32,
  BIGINT: ColumnTypeEnum.Int64,
  "UNSIGNED BIG INT": ColumnTypeEnum.Int64,
  INT8: ColumnTypeEnum.Int64,
  DATETIME: ColumnTypeEnum.DateTime,
  TIMESTAMP: ColumnTypeEnum.DateTime,
  TIME: ColumnTypeEnum.Time,
  DATE: ColumnTypeEnum.Date,
  TEXT: ColumnTypeEnum.Text,
  CLOB: ColumnTypeEnum.Text,
  CHARACTER: ColumnTypeEnum.Text,
  VARCHAR: ColumnTypeEnum.Text,
  "VARYING CHARACTER": ColumnTypeEnum.Text,
  NCHAR: ColumnTypeEnum.Text,
  "NATIVE CHARACTER": ColumnTypeEnum.Text,
  NVARCHAR: ColumnTypeEnum.Text,
  BLOB: ColumnTypeEnum.Bytes,
  BOOLEAN: ColumnTypeEnum.Boolean,
  JSONB: ColumnTypeEnum.Json,
};

/** Declared column types; for expressions (no declared type), the type of the first non-null value. */
function columnTypesOf(declared: Array<string | null>, rows: unknown[][]): ColumnType[] {
  return declared.map((name, column) => {
    const known = name ? declaredTypes[name.toUpperCase()] : undefined;
    if (known !== undefined) return known;
    const sample = rows.find((row) => row[column] !== null)?.[column];
    if (sample === undefined) return ColumnTypeEnum.Int32;
    if (typeof sample === "string") return ColumnTypeEnum.Text;
    if (typeof sample === "bigint") return ColumnTypeEnum.Int64;
    if (typeof sample === "boolean") return ColumnTypeEnum.Boolean;
    if (typeof sample === "number") return ColumnTypeEnum.UnknownNumber;
    if (sample instanceof ArrayBuffer || sample instanceof Uint8Array) return ColumnTypeEnum.Bytes;
    throw new Error(`Unexpected value of type ${typeof sample} in column ${column}`);
  });
}

function toPrismaRow(row: unknown[], types: ColumnType[]): unknown[] {
  return row.map((value, i) => {
    if (value instanceof ArrayBuffer || value instanceof Uint8Array) return Array.from(new Uint8Array(value));
    const type = types[i];
    if (typeof value === "number" && (type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64) && !Number.isInteger(value)) {
      return Math.trunc(value);
    }
    if ((typeof value === "number" || typeof value === "bigint") && type === ColumnTypeEnum.DateTime) {
      return new Date(Number(value)).toISOString();
    }
    if (typeof value === "bigint") return value.toString();
    return value;
  });
}
