/**
 * How many took part in each iteration. Attendance belongs to the participants feature, which is above iterations:
 * it hands iterations this source when the application starts (ParticipantsService.onModuleInit), so iterations can
 * show the count without importing participants.
 */
export interface AttendeeCounts {
  attendeeCounts(iterationIds: number[]): Promise<Map<number, number>>;
}
