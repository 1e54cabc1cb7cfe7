export { generateDemo, toJsonl, toJsonlLine, DEMO_DAYS, DEMO_DEFAULT_COUNT, DEMO_DEFAULT_SEED } from './demo.generator';
export type { DemoData, DemoOptions } from './demo.generator';
export { DEMO_AGENTS, DEMO_OPENIDS, DEMO_TEAMS, demoUsers, profileOf } from './demo.users';
export type { DemoAgent, DemoTeam, QualityProfile } from './demo.users';
export { SCENARIOS } from './demo.scenarios';
export type { Scenario, ScenarioId } from './demo.scenarios';
