import type { I18n } from '../../app/i18n.tsx';
import { parseLabels } from '../clusters/cluster-labels.ts';
import { isLabelSelector } from './propagation-form.ts';

// Field rules more than one form uses, each with the message that says how to fix the value.

/** A label selector as Kubernetes reads one (empty is fine). */
export const selectorRule = (t: I18n['t']) => ({
  validator: async (_: unknown, value: string | undefined) => {
    if (value && !isLabelSelector(value)) throw new Error(t('propagations.form.selectorSyntax'));
  },
});

/** `key=value` lines (empty is fine). */
export const pairsRule = (t: I18n['t']) => ({
  validator: async (_: unknown, value: string | undefined) => {
    if (value && !parseLabels(value)) throw new Error(t('propagations.form.pairsInvalid'));
  },
});

/** A select's clear button, named in the page's language (the library names it in English). */
export const clearable = (t: I18n['t']) => ({ label: t('propagations.clear') });
