/** The people and devices API's answers, as the coordinator screens read them. */
export interface ProjectPerson {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: 'coordinator' | 'observer';
  readonly disabled: boolean;
}

export type DeviceState = 'active' | 'revoked' | 'expired' | 'wipe_pending' | 'wiped';

export interface ProjectDevice {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly enrolled: boolean;
  readonly lastSyncAt: string | null;
  readonly state: DeviceState;
  readonly wipe: { readonly orderedAt: string; readonly deliveredAt: string | null; readonly acknowledgedAt: string | null } | null;
}
