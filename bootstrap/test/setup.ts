import { Testing } from 'cdktn';

// Adds toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ... to expect.
Testing.setupJest();
