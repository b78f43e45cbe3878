import type { AssignmentDetail } from '../../shared/api';
import type { CardSection } from '../platform/card-service';
import { esc } from '../ui/text';
import { decorated, section } from '../ui/widgets';
import { calibrationWidgets } from './calibration-cards';

/**
 * The detail card's "Your standard" section (issue 16): how much of the AI's grading the teacher
 * kept on this assignment. Its own module so the detail card only places it.
 */
export function qualitySection(a: AssignmentDetail): CardSection | undefined {
  const g = a.agreement;
  return section('Your standard', [
    g ? decorated({ top: 'Levels kept', text: esc(g.text), bottom: `Over ${g.reviewedWorks} reviewed work${g.reviewedWorks === 1 ? '' : 's'} (edited or inserted)` }) : undefined,
    ...calibrationWidgets(a),
  ]);
}
