import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { MIN_PASSWORD_LENGTH } from '../auth/credentials';
import type { RedirectState } from '../auth/RequireAuth';
import { Button, TextField } from '../components/ui';

interface LoginErrors {
  username?: string;
  password?: string;
}

function validate(username: string, password: string): LoginErrors {
  const errors: LoginErrors = {};
  if (!username.trim()) {
    errors.username = 'login.errors.usernameRequired';
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    errors.password = 'login.errors.passwordTooShort';
  }
  return errors;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<LoginErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const redirectTo = (location.state as RedirectState | null)?.from ?? '/tasks';

  if (user) {
    return <Navigate to={redirectTo} replace />;
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const fieldErrors = validate(username, password);
    setErrors(fieldErrors);
    if (fieldErrors.username || fieldErrors.password) {
      return;
    }
    if (signIn(username.trim(), password)) {
      navigate(redirectTo, { replace: true });
    } else {
      setFormError('login.errors.invalidCredentials');
    }
  }

  return (
    <main className="login-page">
      <form className="card login-card" onSubmit={handleSubmit} noValidate>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {formError && (
          <div className="form-error" role="alert">
            {t(formError)}
          </div>
        )}
        <TextField
          label={t('login.username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          error={errors.username && t(errors.username)}
        />
        <TextField
          label={t('login.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={errors.password && t(errors.password)}
        />
        <Button type="submit" variant="primary" className="login-card__submit">
          {t('login.submit')}
        </Button>
        <p className="login-card__demo">Demo account: admin / password123</p>
      </form>
    </main>
  );
}
