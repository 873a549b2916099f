import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** How long a toast stays on screen, in milliseconds. */
export const TOAST_DURATION = 3000;

interface ToastContextValue {
  /** Shows a short confirmation; `messageKey` is an i18n key so it follows the current language. */
  showToast: (messageKey: string) => void;
}

interface ToastState {
  id: number;
  messageKey: string;
}

const ToastContext = createContext<ToastContextValue | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ToastState | null>(null);

  const showToast = useCallback((messageKey: string) => {
    setToast({ id: Date.now(), messageKey });
  }, []);

  useEffect(() => {
    if (!toast) {
      return;
    }
    const timer = window.setTimeout(() => setToast(null), TOAST_DURATION);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const value = useMemo(() => ({ showToast }), [showToast]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      {toast && <Toast key={toast.id} messageKey={toast.messageKey} />}
    </ToastContext.Provider>
  );
}

function Toast({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation();
  return (
    <div className="toast" role="status">
      {t(messageKey)}
    </div>
  );
}

export function useToast(): ToastContextValue {
  const context = useContext(ToastContext);
  if (!context) {
    throw new Error('useToast must be used inside <ToastProvider>');
  }
  return context;
}
