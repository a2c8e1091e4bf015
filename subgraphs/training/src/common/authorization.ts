import { DEMO_ECOSYSTEMS, demoId, EcosystemCode } from '@ecosystem/shared';

/**
 * The organisation that owns the academy's shared catalogue (personae, competency matrix) and
 * curates the modules of its training partners: the operator of the industry academy. Its id comes
 * from ACADEMY_OPERATOR_ID, by default the seeded operator of the Académie du Digital en Santé.
 */
export function academyOperatorId(): string {
  const configured = process.env.ACADEMY_OPERATOR_ID?.trim();
  if (configured) return configured;
  const academy = DEMO_ECOSYSTEMS.find((e) => e.code === EcosystemCode.ACADEMY);
  return demoId('organization', academy?.operatorKey ?? 'leem');
}

