export { createClassSerdes, createClassSerdesWithDates } from "./class-serdes";
export { defaultSerdes } from "./default-serdes";
export {
  createFileSystemSerdes,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
} from "./file-system-serdes";
export type { FileSystemSerdesConfig } from "./file-system-serdes";
export { buildPreview, FieldMatchMode, PreviewMode } from "./preview";
export type { PreviewConfig, PreviewField } from "./preview";
