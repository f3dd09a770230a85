/** Kysely's view of migration 0013's tables (and 0029's columns); times are epoch milliseconds, JSON is text. */
export interface JobsTable {
  id: string;
  kind: string;
  cluster: string | null;
  namespace: string | null;
  target: string | null;
  created_by_id: string;
  created_by_name: string;
  state: string;
  replica: string;
  created_at: number;
  finished_at: number | null;
  error: string | null;
  /** Migration 0029: the reason's code and its values (JSON text), when it had them. */
  error_code: string | null;
  error_params: string | null;
  result: string | null;
  cancel_requested_by: string | null;
}

export interface JobStepsTable {
  job_id: string;
  seq: number;
  at: number;
  level: string;
  code: string;
  params: string;
  text: string;
}

export interface JobTables {
  jobs: JobsTable;
  job_steps: JobStepsTable;
}
