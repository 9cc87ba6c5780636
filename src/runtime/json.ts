/** Text that is JSON gives its value; any other text is kept as it is. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
