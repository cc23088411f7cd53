/** Every explicit limit of the product, in one place. Server and client read these. */
export const LIMITS = {
  noteLength: 280,
  notesPerParticipantPerTask: 50,
  displayNameLength: 40,
  titleLength: 120,
  textFieldLength: 500,
  headingLength: 80,
  themesPerBoard: 40,
  questionsPerTask: 10,
  tasksPerSeminar: 12,
  agendaItems: 30,
  agendaTimeLength: 20,
  /** The longest a timer can be set or extended to at once: four hours. */
  timerMaxSeconds: 4 * 3600,
  rolesPerSeminar: 12,
  roleLength: 40,
  groupSizeMin: 2,
  groupSizeMax: 20,
  participantsPerSeminar: 500,
  /** Largest socket.io message the server accepts, in bytes. */
  payloadBytes: 16_000,
  /** Commands a connection may send per second (burst allowance is the same number). */
  commandsPerSecond: 20,
  /** A reconnecting client further behind than this gets a snapshot instead of events. */
  catchUpMaxEvents: 500,
  passwordMinLength: 8,
  /** Longest top-N a task can ask groups for, and most dots per participant. */
  priorityMax: 10,
  longTextLength: 4000,
  synthesisThemes: 40,
  linksPerSynthesisTheme: 100,
  expectationsPerParticipant: 10,
  expectationItems: 60,
  actions: 100,
  /** People counted per role without joining (attendance on paper). */
  attendanceExtraMax: 10_000,
} as const;
