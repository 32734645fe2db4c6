/** The error every preset and mapping validator throws: its message names the offending field. */
export class PresetError extends Error {
  override name = 'PresetError';
}
