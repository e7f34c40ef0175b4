import { z } from "zod";

/**
 * Free text that people type and others see: trimmed, bounded, and limited to characters a name
 * needs, so markup, control characters and look-alike tricks never get stored.
 */
const DISPLAY_TEXT = /^[\p{L}\p{N} _.,:()/&'+-]*$/u;

export function displayText(options: { max: number; label: string }) {
  return z
    .string({ error: `${options.label} must be text.` })
    .trim()
    .max(options.max, `${options.label} can be at most ${options.max} characters.`)
    .regex(DISPLAY_TEXT, `${options.label} can use letters, digits, spaces and . , : ( ) / & ' + - _ only.`);
}
