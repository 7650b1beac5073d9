/** Replay verification: check new code against recorded executions before deploying it. */
export { verifyReplay } from "./verify-replay";
export type { VerifyReplayOptions } from "./verify-replay";
export { verifyRecordings, ReplayDivergenceError } from "./verify-recordings";
export { formatReplayReport, formatReplayReports } from "./format-report";
export { readRecording, recordingFromHistory } from "./recording";
export type { ExecutionRecording } from "./recording";
export { saveRecording, toRecording } from "./save-recording";
export type { RecordingFile } from "./save-recording";
export { fetchRecording, fetchRecentRecordings } from "./fetch-recordings";
export type { FetchRecordingOptions } from "./fetch-recordings";
export type { ReplayOperation } from "./operation-path";
export type {
  DivergenceKind,
  ReplayDivergence,
  ReplayNewWork,
  ReplayReport,
  ReplayVerdict,
} from "./replay-report";
