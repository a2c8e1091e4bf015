import { DEMO_ECOSYSTEMS, demoId, EcosystemCode, parseEnv } from '@ecosystem/shared';
import { z } from 'zod';

const academyEnvSchema = z.object({
  /** The organisation that operates the academy and owns its shared catalogue. */
  ACADEMY_OPERATOR_ID: z.string().trim().min(1).max(64).optional(),
});

let operatorId: string | undefined;

/**
 * The organisation that owns the academy's shared catalogue (personae, competency matrix) and
 * curates the modules of its training partners: the operator of the industry academy. Its id comes
 * from ACADEMY_OPERATOR_ID, by default the seeded operator of the Académie du Digital en Santé.
 * Read once, on first use.
 */
export function academyOperatorId(): string {
  if (!operatorId) {
    const academy = DEMO_ECOSYSTEMS.find((e) => e.code === EcosystemCode.ACADEMY);
    operatorId = parseEnv(academyEnvSchema).ACADEMY_OPERATOR_ID ?? demoId('organization', academy?.operatorKey ?? 'leem');
  }
  return operatorId;
}
