/**
 * The postbus channel: a routed bericht is put in its addressee's postbus, which the addressee reads
 * over the API and confirms (src/store/postbus/*). Nothing to drain: the receiver pulls.
 */
import { ChannelName, type DeliveryChannel } from './channel.js';

export function postbusChannel(): DeliveryChannel {
  return {
    name: ChannelName.postbus,
    plan: (route) => ({ postbus: [{ party: route.addressee, kind: 'bericht' }], outbox: [] }),
  };
}
