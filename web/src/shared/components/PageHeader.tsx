import { useEffect, type ReactNode } from 'react';

/** The page's h1 and toolbar; also the document title. */
export function PageHeader({
  title,
  children,
  docTitle,
}: {
  title: ReactNode;
  children?: ReactNode;
  docTitle?: string;
}) {
  useEffect(() => {
    const text = docTitle ?? (typeof title === 'string' ? title : '');
    if (text) document.title = `${text} · Retorno`;
  }, [title, docTitle]);
  return (
    <div className="page-header">
      <h1 id="page-title">{title}</h1>
      {children ? <div className="toolbar">{children}</div> : null}
    </div>
  );
}
