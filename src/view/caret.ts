/** Where a text field's caret is: what `setSelectionRange` takes to put it back. */
export type Caret = Parameters<HTMLInputElement['setSelectionRange']>;

/**
 * The caret of `field`, to put back after something that loses it: a new
 * value (it would jump to the end), a move in the document (a blur).
 * Undefined for inputs that have none (checkboxes).
 */
export function caretOf(field: HTMLInputElement): Caret | undefined {
  try {
    const { selectionStart, selectionEnd, selectionDirection } = field;
    if (selectionStart !== null) {
      return [selectionStart, selectionEnd, selectionDirection as Caret[2]];
    }
  } catch {
    // Older browsers throw rather than answer null.
  }
  return undefined;
}
