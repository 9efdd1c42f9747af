import { FormEvent, useState } from 'react';
import { principalOf } from '../api';

/** Paste a bearer token (`npm run token`); it stays in this tab's sessionStorage only. */
export function SignIn(props: { onSignIn: (token: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const principal = text.trim() ? principalOf(text) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const token = text.trim().replace(/^Bearer\s+/i, '');
    if (!principalOf(token)) {
      setError('不是有效的令牌 Not a token with sub, roles and jurisdiction');
      return;
    }
    props.onSignIn(token);
  };

  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in">
      <h1>事件溯源控制台 Event lineage</h1>
      <p>粘贴访问令牌 (Bearer token)。令牌只保存在本标签页 (sessionStorage)。</p>
      <textarea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        rows={6}
        placeholder="eyJhbGciOi…"
        data-testid="token-input"
      />
      {principal && (
        <dl className="preview" data-testid="token-preview">
          <dt>用户 Who</dt>
          <dd>{principal.sub}</dd>
          <dt>角色 Roles</dt>
          <dd>{principal.roles.join(', ')}</dd>
          <dt>辖区 Jurisdiction</dt>
          <dd>{principal.jurisdiction}</dd>
        </dl>
      )}
      {error && (
        <p className="error" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="sign-in-submit">
        登录 Sign in
      </button>
    </form>
  );
}
