import { showHome } from '../actions/home-actions';
import type { Action, Card } from '../platform/card-service';
import { esc } from '../ui/text';
import { act, button, card, paragraph, section } from '../ui/widgets';

/** What went wrong and what the teacher can do, with an optional "Try again" that repeats the action. */
export interface ErrorView {
  title: string;
  message: string;
  retry?: Action;
}

export function errorCard(v: ErrorView): Card {
  const back = button('Back to assignments', { action: act(showHome, {}) });
  return card({
    name: 'error',
    title: v.title,
    sections: [section(undefined, [paragraph(esc(v.message))])],
    primary: v.retry ? button('Try again', { action: v.retry }, { style: 'FILLED' }) : back,
    secondary: v.retry ? back : undefined,
  });
}
