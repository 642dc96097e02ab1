import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App as AntApp, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useFormProblem } from './problems';

interface After<R> {
  /** The toast once the API has accepted it (from its answer, e.g. the created record's name) */
  done?: string | ((answer: R) => string);
  /** The reads that now show something else */
  invalidate?: QueryKey[];
  /** Then, with the answer (e.g. open the record it created) */
  onDone?: (answer: R) => void;
  /** A refusal the dialog shows itself (e.g. a 409 in place, with what is allowed now): true, and it is not toasted */
  refused?: (error: unknown) => boolean;
  /** After it either way (e.g. refetch the episode: a refusal may mean it changed meanwhile) */
  settled?: () => Promise<unknown>;
}

/**
 * A form's submit to the API: validate, send, then say so, refetch what changed and close; a refusal lands on the
 * form's fields (400) or as the API's reason. `saving` is true while it is under way.
 */
export function useFormSubmit<V, R = unknown>(form: FormInstance<V>, send: (values: V) => Promise<R>, after: After<R>) {
  const formProblem = useFormProblem();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const submit = useCallback(async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const answer = await send(values);
      if (after.done) void message.success(typeof after.done === 'function' ? after.done(answer) : after.done);
      await Promise.all((after.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      after.onDone?.(answer);
    } catch (error) {
      if (!after.refused?.(error)) formProblem(form, error);
    } finally {
      setSaving(false);
      await after.settled?.();
    }
  }, [form, send, after, formProblem, message, queryClient]);
  return { submit, saving };
}
