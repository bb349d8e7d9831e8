//go:build deploy_azure

package deploy

import _ "gocloud.dev/blob/azureblob" // azblob:// targets

const withAzure = true
