import { useEffect, useState } from 'react';
import { os } from '../../os/client';
import type { MethodResult } from '../../../src-main/contract/methods';

/** What the main process says about itself (version, data folder, shell). */
export function useAppInfo() {
  const [info, setInfo] = useState<MethodResult<'app.info'>>();
  useEffect(() => {
    let active = true;
    void os.app.info({}).then((result) => {
      if (active) setInfo(result);
    });
    return () => {
      active = false;
    };
  }, []);
  return info;
}
