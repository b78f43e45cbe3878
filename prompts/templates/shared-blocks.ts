/**
 * Eta partials every prompt kind uses. Each data block is wrapped by `it.delimit` (the tags the
 * local model server and the system prompts name), which also defuses look-alike tags inside the
 * text; `<%~ %>` is used only for that already-defused output.
 */

/** The teacher's assignment, as one `<assignment>` block. */
export const assignmentBlock = `<%~ it.delimit('assignment', 'Title: ' + it.assignment.title + '\\nSubject: ' + it.assignment.subject + '\\nGrade level: ' + it.assignment.gradeLevel + '\\nInstructions:\\n' + it.assignment.instructions) %>`;

/** The rubric with its ids, as one `<rubric>` block: criteria in order, levels best first. */
export const rubricBlock = `<%~ it.delimit('rubric', it.rubricText) %>`;
