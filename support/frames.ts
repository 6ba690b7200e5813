/** A ping whose JSON text is exactly `bytes` long: the frame-size limit tried on both sides. */
export function paddedPing(bytes: number): string {
  const empty = JSON.stringify({ type: 'ping', payload: { padding: '' } });
  if (bytes < empty.length) throw new Error(`A ping cannot be shorter than ${empty.length} bytes; ${bytes} were asked for.`);
  return JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(bytes - empty.length) } });
}
