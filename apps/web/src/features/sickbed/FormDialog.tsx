import { Modal, type ModalProps } from 'antd';
import { useEffect } from 'react';

let openDialogs = 0;

/**
 * antd's Modal, with the screen behind it made inert while it is open (as a modal dialog should be: no focus, no
 * reading, no clicks behind the mask). The modal itself is portalled into <body>, outside #root.
 */
export function FormDialog(props: ModalProps) {
  const open = !!props.open;
  useEffect(() => {
    if (!open) return;
    const root = document.getElementById('root');
    openDialogs += 1;
    if (root) root.inert = true;
    return () => {
      openDialogs -= 1;
      if (root && openDialogs === 0) root.inert = false;
    };
  }, [open]);
  return <Modal centered {...props} />;
}
