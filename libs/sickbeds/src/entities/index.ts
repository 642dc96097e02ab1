import { RoundSchedule } from './round-schedule.entity';
import { SickbedAssessment } from './sickbed-assessment.entity';
import { SickbedCycle } from './sickbed-cycle.entity';
import { SickbedOrder } from './sickbed-order.entity';
import { SickbedRound } from './sickbed-round.entity';
import { Sickbed } from './sickbed.entity';

export { RoundSchedule, Sickbed, SickbedAssessment, SickbedCycle, SickbedOrder, SickbedRound };
export const SICKBED_ENTITIES = [Sickbed, SickbedAssessment, SickbedCycle, SickbedRound, SickbedOrder, RoundSchedule];
