/**
 * Whether a transfer to a designated hospital came later than the region's limit after the
 * symptoms were detected (不及时送医); the hours it took, to one decimal, if so.
 */
export function lateTransfer(detectedAt: string, transferredAt: string, limitHours: number): { hours: number } | null {
  const hours = (new Date(transferredAt).getTime() - new Date(detectedAt).getTime()) / 3_600_000;
  return hours > limitHours ? { hours: Math.round(hours * 10) / 10 } : null;
}
