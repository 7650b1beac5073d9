/** Request checks shared by the paged read operations (state, history, list). */
import { decodeMarker } from "./identifiers";
import { invalidParameter } from "./service-errors";

/** Validates `MaxItems` against `[min, max]`; absent or 0 means 100. */
export function pageSize(value: unknown, min: number, max: number): number {
  if (value === undefined || value === 0) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(
      `Invalid value for MaxItems: must be an integer between ${min} and ${max}.`,
    );
  }
  return value;
}

/** The position a `Marker` resumes at (0 when absent); rejects markers of another kind or owner. */
export function markerPosition(marker: unknown, kind: string, owner: string): number {
  if (marker === undefined || marker === "") return 0;
  const position = decodeMarker(marker, kind, owner);
  if (position === undefined)
    throw invalidParameter("Invalid value for Marker: the marker is not valid.");
  return position;
}
