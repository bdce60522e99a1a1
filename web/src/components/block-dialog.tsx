/** Blocking or unblocking a member, after saying what it does. */
import { useBlock } from '../lib/blocks';
import { describeError } from '../lib/messages';
import { ConfirmDialog } from './dialog';
import { useToast } from './toasts';

export function BlockDialog({ member, block, onClose }: { member: { id: string; name: string }; block: boolean; onClose(): void }) {
  const toast = useToast();
  const change = useBlock();
  const confirm = async () => {
    try {
      await change.mutateAsync({ memberId: member.id, block });
      toast.success(block ? `You blocked ${member.name}.` : `You unblocked ${member.name}.`);
      onClose();
    } catch (err) {
      toast.error(describeError(err));
    }
  };
  return (
    <ConfirmDialog
      title={block ? `Block ${member.name}?` : `Unblock ${member.name}?`}
      confirmLabel={block ? 'Block' : 'Unblock'}
      cancelLabel="Cancel"
      danger={block}
      busy={change.isPending}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      {block ? (
        <>
          <p>
            {member.name} won't be able to message you or invite you to connect, and you won't be able to message them. Pending invitations between you are
            withdrawn (one from them is ignored).
          </p>
          <p>Nobody is told, {member.name} included. Your conversations and your connection stay as they are; you can unblock them in Settings.</p>
        </>
      ) : (
        <p>{member.name} will be able to message you and invite you again. They aren't told.</p>
      )}
    </ConfirmDialog>
  );
}
