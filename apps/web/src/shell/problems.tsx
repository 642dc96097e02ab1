import { Alert, App as AntApp, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiProblem, NetworkError } from '../api/problem';
import { defineMessages, useMessages } from '../i18n';

const messages = defineMessages(
  { offline: '网络不可用，请稍后重试', unexpected: '出错了，请重试' },
  { offline: 'No network: try again later', unexpected: 'Something went wrong: try again' },
);

/** What to tell the user about an error: the API's own title and detail (in their language), or that the network is gone. */
export function useProblemText(): (error: unknown) => string {
  const t = useMessages(messages);
  return useCallback((error: unknown) => {
    if (error instanceof ApiProblem) return error.problem.detail ? `${error.problem.title}：${error.problem.detail}` : error.problem.title;
    if (error instanceof NetworkError) return t.offline;
    return t.unexpected;
  }, [t]);
}

/** Shows an error as a toast; returns a function to call from a mutation's onError. */
export function useShowProblem(): (error: unknown) => void {
  const { message } = AntApp.useApp();
  const text = useProblemText();
  return useCallback((error: unknown) => void message.error(text(error), 6), [message, text]);
}

/**
 * A 400's field errors onto the form's fields (the API names them as the body does: `diagnoses.0.code`), and the
 * rest as a toast. Use as a form submit's catch.
 */
export function useFormProblem(): (form: FormInstance, error: unknown) => void {
  const show = useShowProblem();
  return useCallback((form: FormInstance, error: unknown) => {
    if (error instanceof ApiProblem && error.problem.errors?.length) {
      const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
      const fields = error.problem.errors
        .map((e) => ({ name: e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [e.message] }))
        .filter((f) => known.has(String(f.name[0])));
      if (fields.length) form.setFields(fields);
      if (fields.length < error.problem.errors.length) show(error);
      return;
    }
    show(error);
  }, [show]);
}

/** An error in place of a screen's content (a read that failed). */
export function ProblemAlert({ error }: { error: unknown }) {
  const text = useProblemText();
  return <Alert type="error" showIcon title={text(error)} role="alert" />;
}
