import { dutyLedger } from './duty';
import { faultLedger } from './faults';
import { scanLedger } from './scans';
import { incidentLedger } from './incidents';
import { inspectionLedger } from './inspections';
import { trainingLedger } from './trainings';
import { copyLedger } from './copies';
import { maintainerLedger } from './maintainers';

export { dutyLedger, faultLedger, scanLedger, incidentLedger, inspectionLedger, trainingLedger, copyLedger, maintainerLedger };
