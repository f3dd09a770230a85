/** The YAML editor's strings. */
export const editorEn = {
  'editor.label': 'YAML',
  'editor.diffLabel': 'Changes',
  'editor.loading': 'Loading the editor…',
  'editor.schemaChecked': 'Checked against {cluster}’s own schema: {kinds}',
  'editor.schemaLoading': 'Reading {cluster}’s schemas…',
  'editor.schemaMissing': '{cluster} describes no schema for {kinds}; the cluster checks it when you apply',
  'editor.review': 'Review changes',
  'editor.reset': 'Discard my edits',
  'editor.unchanged': 'Nothing to apply: the cluster would keep the object as it is.',
  'editor.reviewTitle': 'Changes to {name}',
  'editor.reviewHint':
    'Left: the object now. Right: the object after the apply, as the cluster’s dry run returned it.',
  'editor.apply': 'Apply',
  'editor.applyForce': 'Apply and take over these fields',
  'editor.takeOver': 'Take them over and review',
  'editor.back': 'Back to editing',
  'editor.applied': '{name} applied.',
  'editor.refused': 'The cluster refused it',
  'editor.conflict':
    'Other field managers (kubectl, a controller, a form) own some of these fields. Take them over, or change them back.',
  'editor.line': 'Line {line}: {message}',
  'editor.warnings': 'Warnings from the cluster',
} as const;
